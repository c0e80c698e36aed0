/** `sohoa token create`: a user (made if new) with a role, and a token printed once. */
import { openConfiguredRepository } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import { UsageError } from '../../core/errors';
import type { Role } from '../../core/review';
import { EXIT_OK } from '../exit-codes';

export async function tokenCreateCommand(role: Role | undefined, name: string, config: AppConfig): Promise<number> {
  const repo = await openConfiguredRepository(config);
  try {
    const existing = await repo.access.findUser(name);
    if (existing && role && existing.role !== role) {
      throw new UsageError(`user '${name}' exists with role ${existing.role}, not ${role}: choose another name, or omit --role to issue that user a new token`);
    }
    if (!existing && !role) throw new UsageError(`there is no user '${name}' yet: give --role (admin, archivist, reviewer or researcher) to create one`);
    const user = existing ?? (await repo.access.createUser(name, role!));
    const { token, info } = await repo.access.issueToken(user.id, `cli ${new Date().toISOString().slice(0, 10)}`);
    await repo.access.appendAudit({ actor: 'sohoa token create', action: existing ? 'token.create' : 'user.create', target: `user:${user.id}`, detail: { name, role, tokenId: info.id } });
    process.stdout.write(`${token}\n`);
    process.stderr.write(`token ${info.id} for ${user.name} (${user.role}); shown once, only its hash is kept\n`);
    return EXIT_OK;
  } finally {
    await repo.close();
  }
}
