import { describe, expect, it } from 'vitest';
import { DomoAmbiguousNameError, DomoNotFoundError, DomoRole, DomoRoles } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

describe('DomoRoles', () => {
  it('lists roles with the default marked', async () => {
    const roles = await new DomoRoles(sb.auth).list();
    expect(roles).toHaveLength(sb.state.roles.size);
    expect(roles.filter((r) => r.isDefault).map((r) => r.id)).toEqual([2]);
    expect(roles[0]).toBeInstanceOf(DomoRole);
  });

  it('finds by exact name: "Admin" never matches "Privileged Admin"', async () => {
    const roles = new DomoRoles(sb.auth);
    expect((await roles.getByName('admin')).id).toBe(1);
    expect((await roles.getByName('PRIVILEGED ADMIN')).name).toBe('Privileged Admin');
    expect(await roles.findByName('Privileged')).toMatchObject({ id: 2 });
    expect(await roles.findByName('Finance')).toBeUndefined();
    await expect(roles.getByName('Finance')).rejects.toThrow(DomoNotFoundError);
  });

  it('reports two roles with one name as ambiguous', async () => {
    const second = sb.state.nextRoleId++;
    sb.state.roles.set(second, {
      id: second,
      name: 'finance editors',
      description: '',
      authorities: [],
      created: 0,
      modified: 0,
    });
    const error = (await new DomoRoles(sb.auth)
      .findByName('Finance Editors')
      .catch((e: unknown) => e)) as DomoAmbiguousNameError;
    expect(error).toBeInstanceOf(DomoAmbiguousNameError);
    expect(error.matches).toHaveLength(2);
  });

  it('upsert: created, then unchanged, then updated — by exact name', async () => {
    const roles = new DomoRoles(sb.auth);
    const grants = [
      'cloud.admin',
      'versions.repository.admin',
      'codeengine.package.create',
      'codeengine.package.manage',
      'appstore.view',
      'appstore.admin',
    ];
    const created = await roles.upsert({ name: 'super_admin_v3', description: 'v3', grants });
    expect(created.action).toBe('created');
    expect(sb.state.roles.get(created.entity.id)!.authorities).toEqual(grants);
    expect(
      (await roles.upsert({ name: 'SUPER_ADMIN_V3', description: 'v3', grants: [...grants].reverse() })).action,
    ).toBe('unchanged');
    const updated = await roles.upsert({ name: 'super_admin_v3', description: 'v4' });
    expect(updated.action).toBe('updated');
    expect(sb.state.roles.get(created.entity.id)!.description).toBe('v4');
    await expect(roles.upsert({ name: 'x', grants: ['bad.grant'] })).rejects.toThrow(/unknown grants/);
  });

  it('upsert of "Admin" edits Admin, not "Privileged Admin"', async () => {
    const roles = new DomoRoles(sb.auth);
    const privileged = [...sb.state.roles.values()].find((r) => r.name === 'Privileged Admin')!;
    const before = privileged.description;
    const { entity } = await roles.upsert({ name: 'Admin', description: 'Full access to everything!' });
    expect(entity.id).toBe(1);
    expect(privileged.description).toBe(before);
  });

  it('gets the default role, and caches the catalogue until refreshed', async () => {
    const roles = new DomoRoles(sb.auth);
    const defaultRole = await roles.getDefault();
    expect(defaultRole).toMatchObject({ id: 2, isDefault: true });
    const catalogue = await roles.authorities();
    expect(catalogue.length).toBe(sb.state.authorities.size);
    await roles.authorities();
    await roles.authorities({ refresh: true });
    expect(sb.state.requests.filter((r) => r.path === '/api/authorization/v1/authorities')).toHaveLength(2);
    expect((await roles.get(3)).name).toBe('Editor');
  });
});
