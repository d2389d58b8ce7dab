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
import * as m0010 from './0010-spc-points.js';
import * as m0011 from './0011-booking-speed.js';
import * as m0012 from './0012-registry-kbli-nik.js';
import * as m0013 from './0013-quality-dispositions.js';
import * as m0014 from './0014-toll-attachments.js';
import * as m0015 from './0015-people-nik.js';
import * as m0016 from './0016-reduced-inspection.js';
import * as m0017 from './0017-search-costs.js';
import * as m0018 from './0018-outage-status-change.js';

export interface Migration {
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018];
