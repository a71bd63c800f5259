import GavelIcon from '@mui/icons-material/Gavel';
import { page } from '../../lazy';

// A dispute is never created here (that is the decision's "Dispute / annotate" form) nor deleted.
export const edit = page(() => import('./DisputeEdit'), 'DisputeEdit');
export const list = page(() => import('./DisputeList'), 'DisputeList');
export const show = page(() => import('./DisputeShow'), 'DisputeShow');
export const icon = GavelIcon;
export const options = { label: 'Disputes' };
