/** The ordered list of migrations. Append only; never edit a migration that has shipped. */
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-network.js';
import * as m0003 from './0003-organisations.js';
import * as m0004 from './0004-sites-equipment.js';
import * as m0005 from './0005-qualifications.js';
import * as m0006 from './0006-bookings.js';
import * as m0007 from './0007-member-registrations.js';
import * as m0008 from './0008-billing.js';
import * as m0009 from './0009-toll-quality.js';

export interface Migration {
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];
