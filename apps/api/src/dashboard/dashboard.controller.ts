import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DashboardResponse } from './dto/dashboard.response';
import type { DashboardView } from '@floor-os/contracts';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermission('dashboard.read', { platform: true })
  @ApiOkResponse({
    type: DashboardResponse,
    description: "The caller's home cards: a card the caller's home does not show is left out",
  })
  get(@CurrentPrincipal() who: Principal): Promise<DashboardView> {
    return this.dashboard.view(who);
  }
}
