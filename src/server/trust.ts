// Why a socket file may not be trusted, or undefined when it may.
//
// The trust model of `.crucible/crucible.sock`: whoever can connect to it acts
// with the holder's authority (human operations are recorded as the holder's
// actor, whatever the client says). So it must be reachable by this user only:
// the holder binds it owner-only (mode 0600, inside .crucible/), and every
// process checks, before it serves or connects, that the file is this user's
// and open to nobody else. A socket another user left (or planted) is neither
// connected to (it could answer with a forged record) nor removed.
import type { Stats } from 'node:fs';
import { failure, type CrucibleError } from '../shared/errors.js';

export function untrustedSocket(path: string, info: Stats): CrucibleError | undefined {
  const foreign = foreignSocket(path, info);
  if (foreign) return foreign;
  if ((info.mode & 0o077) !== 0)
    return failure(
      'socket-untrusted',
      `${path} is open to other users (mode ${(info.mode & 0o777).toString(8)}); it is not trusted`,
      `remove it if no Crucible session is running: rm ${path}`,
    );
  return undefined;
}

/** A socket another user made: never connected to, never removed (a stale one of ours, whatever its mode, may be). */
export function foreignSocket(path: string, info: Stats): CrucibleError | undefined {
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid)
    return failure(
      'socket-untrusted',
      `${path} belongs to another user (uid ${info.uid}); it is not trusted`,
      `remove it if no Crucible session of yours is running: rm ${path}`,
    );
  return undefined;
}
