// `npm run schema`: writes the spec's JSON Schema (generated from the zod schema) to schema/spec.schema.json.
import { writeFileSync } from 'node:fs';
import { specJsonSchema } from '../src/governance/spec.js';

writeFileSync(new URL('../schema/spec.schema.json', import.meta.url), `${JSON.stringify(specJsonSchema(), null, 2)}\n`);
