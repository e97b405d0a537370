// Scheduled reports through the public API against the in-process sandbox: found page by page (Domo lists them no
// other way), every row re-checked; the whole schedule sent back with the owner swapped and read back; a schedule of a
// single card is out of reach of the discovery, and owned() says so.
import { describe, expect, it } from 'vitest';
import { DomoNotFoundError, DomoReportSchedule, DomoReportSchedules, DomoUser, routes } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({
  datasets: 10,
  cards: 20,
  pages: 6,
  dataflows: 0,
  beastModes: 0,
  appDbCollections: 0,
  alerts: 0,
  reportSchedules: 16,
});
const all = () => [...sb.state.reportSchedules.values()];
const onPages = () => all().filter((r) => r.pageId !== 0);
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

describe('DomoReportSchedules', () => {
  it('get by id or name; list finds every schedule of every page, not those of a single card', async () => {
    const seeded = onPages()[2]!;
    const manager = new DomoReportSchedules(sb.auth);
    const report = await manager.get(seeded.id);
    expect(report).toBeInstanceOf(DomoReportSchedule);
    expect(report).toMatchObject({
      id: seeded.id,
      name: seeded.name,
      ownerId: seeded.ownerId,
      subject: seeded.subject,
      pageId: seeded.pageId,
      frequency: seeded.schedule.frequency,
    });
    expect((await manager.get(seeded.name)).id).toBe(seeded.id);
    await expect(manager.get(1)).rejects.toBeInstanceOf(DomoNotFoundError);
    const listed = await manager.list().toArray({ max: 1000 });
    expect(listed.map((r) => r.id).sort()).toEqual(
      onPages()
        .map((r) => r.id)
        .sort(),
    );
    expect(all().length).toBeGreaterThan(onPages().length); // the single-card ones exist, and are not found
  });

  it('ownedBy re-checks every row; owned() lists them and says the discovery is limited by the API', async () => {
    const owner = onPages()[0]!.ownerId;
    const mine = onPages().filter((r) => r.ownerId === owner);
    const manager = new DomoReportSchedules(sb.auth);
    expect((await manager.ownedBy(owner)).map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
    const owned = await (await DomoUser.get(sb.auth, owner)).owned();
    expect(owned.reportSchedules.map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
    expect(owned.discovery?.reportSchedules).toMatchObject({ exhaustive: false, limit: 'api' });
  });

  it('transfer sends the whole schedule back with the owner swapped and reads each back, title and subject kept', async () => {
    const report = onPages()[1]!;
    const before = structuredClone(report);
    const to = live().find((u) => u.id !== report.ownerId)!;
    const manager = new DomoReportSchedules(sb.auth);
    const result = await manager.transfer([report.id], to.emailAddress);
    expect(result.moved).toEqual([{ id: report.id, name: before.name, from: before.ownerId }]);
    expect(sb.state.reportSchedules.get(report.id)).toMatchObject({
      ownerId: to.id,
      name: before.name,
      subject: before.subject,
      attachmentInclude: before.attachmentInclude,
      schedule: before.schedule,
    });
    await sb.settled();
    const put = sb.sent.find((r) => r.method === 'PUT')!;
    const body = (typeof put.body === 'string' ? JSON.parse(put.body) : put.body) as Record<string, unknown>;
    expect(body).toMatchObject({ id: report.id, ownerId: to.id, title: before.name, subject: before.subject });
    expect((body as { schedule: { ownerId: number } }).schedule.ownerId).toBe(to.id);
  });

  it('the sandbox is no kinder than Domo: a partial body is refused and loses nothing', async () => {
    const report = onPages()[0]!;
    const to = live().find((u) => u.id !== report.ownerId)!;
    await expect(
      routes.setReportScheduleOwner(sb.auth, { id: report.id, title: report.name }, to.id),
    ).rejects.toMatchObject({ status: 400 });
    expect(sb.state.reportSchedules.get(report.id)!.ownerId).not.toBe(to.id);
  });
});
