import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import type { OffboardingCaseView } from '@floor-os/contracts';
import { page } from '../../lazy';

// A case is opened here and walked on its page; it is never edited as a form nor deleted (the audit log keeps it).
export const create = page(() => import('./OffboardingCreate'), 'OffboardingCreate');
export const list = page(() => import('./OffboardingList'), 'OffboardingList');
export const show = page(() => import('./OffboardingShow'), 'OffboardingShow');
export const icon = PersonRemoveIcon;
export const recordRepresentation = (record: OffboardingCaseView) =>
  record.user_name || record.user_email || 'Offboarding case';
export const options = { label: 'Offboarding' };
