import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import type { OffboardingCaseView } from '@floor-os/contracts';

// A case is opened here and walked on its page; it is never edited as a form nor deleted (the audit log keeps it).
export { OffboardingCreate as create } from './OffboardingCreate';
export { OffboardingList as list } from './OffboardingList';
export { OffboardingShow as show } from './OffboardingShow';
export const icon = PersonRemoveIcon;
export const recordRepresentation = (record: OffboardingCaseView) => record.user_name || record.user_email || 'Offboarding case';
export const options = { label: 'Offboarding' };
