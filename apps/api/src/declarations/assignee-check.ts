import { Inject, Injectable } from '@nestjs/common';
import { READ_DATA_SOURCE, getUser } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { RequestValidationError } from '../problem/http-problem';

/**
 * A declaration is assigned to someone of the CERT: the caller, or a Vigie user who holds the
 * analyst or admin role now and is not disabled. Anyone else is a 400 naming `assignee`.
 */
@Injectable()
export class AssigneeCheck {
  constructor(@Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async check(principal: Principal, assignee: string | null): Promise<void> {
    if (assignee === null || assignee === principal.sub) return;
    const user = await getUser(this.dataSource, assignee);
    const ofTheCert =
      user !== null && !user.disabled && user.roles.some((role) => role === 'analyst' || role === 'admin');
    if (!ofTheCert)
      throw new RequestValidationError([
        { field: 'assignee', message: 'must be the sub of an analyst or an administrator of Vigie' },
      ]);
  }
}
