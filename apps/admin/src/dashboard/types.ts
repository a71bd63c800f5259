import type { DashboardView } from '@floor-os/contracts';

/** `GET /api/v1/dashboard`: one answer for every card; a key is missing without its permission. */
export type DashboardData = DashboardView;

export interface CardProps {
  data: DashboardData | undefined;
  /** The dashboard's one fetch has not answered yet. */
  isPending: boolean;
}
