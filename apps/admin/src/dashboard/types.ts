import type { DashboardView } from '@floor-os/contracts';

export interface CardProps {
  /** `GET /api/v1/dashboard`: one answer for every card; a key is missing without its permission. */
  data: DashboardView | undefined;
  /** The dashboard's one fetch has not answered yet. */
  isPending: boolean;
}
