import AccountBoxIcon from '@mui/icons-material/AccountBox';
import ApartmentIcon from '@mui/icons-material/Apartment';
import ChecklistIcon from '@mui/icons-material/Checklist';
import EventNoteIcon from '@mui/icons-material/EventNote';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GavelIcon from '@mui/icons-material/Gavel';
import GroupsIcon from '@mui/icons-material/Groups';
import HistoryIcon from '@mui/icons-material/History';
import HomeIcon from '@mui/icons-material/Home';
import HubIcon from '@mui/icons-material/Hub';
import InboxIcon from '@mui/icons-material/Inbox';
import InsightsIcon from '@mui/icons-material/Insights';
import LeaderboardIcon from '@mui/icons-material/Leaderboard';
import KeyIcon from '@mui/icons-material/Key';
import LockPersonIcon from '@mui/icons-material/LockPerson';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import PeopleIcon from '@mui/icons-material/People';
import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import PhoneDisabledIcon from '@mui/icons-material/PhoneDisabled';
import RateReviewIcon from '@mui/icons-material/RateReview';
import ReportIcon from '@mui/icons-material/Report';
import SchoolIcon from '@mui/icons-material/School';
import SettingsIcon from '@mui/icons-material/Settings';
import ShieldIcon from '@mui/icons-material/Shield';
import SmsIcon from '@mui/icons-material/Sms';
import TourIcon from '@mui/icons-material/Tour';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import WebhookIcon from '@mui/icons-material/Webhook';

type IconComponent = typeof HomeIcon;

/** An icon per catalogue sidebar item id; the catalogue owns which items exist and who sees them. */
const ICONS: Record<string, IconComponent> = {
  home: HomeIcon,
  compliance_coverage: ShieldIcon,
  audit_trail: FactCheckIcon,
  gap_report: ReportIcon,
  disputes: GavelIcon,
  weekly_review: EventNoteIcon,
  ops_coverage: InsightsIcon,
  usage_readout: LeaderboardIcon,
  team_queue: GroupsIcon,
  my_queue: InboxIcon,
  accounts: AccountBoxIcon,
  imports: UploadFileIcon,
  coaching: SchoolIcon,
  qa: RateReviewIcon,
  training: ModelTrainingIcon,
  vendors: HubIcon,
  api_keys: KeyIcon,
  suppression: PhoneDisabledIcon,
  webhook_health: WebhookIcon,
  sms_center: SmsIcon,
  users: PeopleIcon,
  offboarding: PersonRemoveIcon,
  audit_log: HistoryIcon,
  tenant_settings: SettingsIcon,
  sso: LockPersonIcon,
  tenants: ApartmentIcon,
  onboarding: ChecklistIcon,
  onboarding_progress: MenuBookIcon,
  mentoring: MenuBookIcon,
  roles_tour: TourIcon,
};

export function sidebarIcon(itemId: string): IconComponent {
  return ICONS[itemId] ?? ChecklistIcon;
}
