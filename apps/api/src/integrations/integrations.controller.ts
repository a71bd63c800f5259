import { type IntegrationInventoryView } from '@floor-os/contracts';
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { IntegrationInventoryDto } from './dto/integration-inventory.dto';
import { IntegrationInventoryResponse } from './dto/integration-inventory.response';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { IntegrationsService } from './integrations.service';

@ApiTags('vendors')
@Controller('api/v1/integration-inventory')
export class IntegrationsController {
  constructor(private readonly inventory: IntegrationsService) {}

  @Get()
  @RequirePermission('vendors.read')
  @ApiOkResponse({ type: IntegrationInventoryResponse })
  get(@CurrentPrincipal() who: Principal): Promise<IntegrationInventoryView> {
    return this.inventory.get(who);
  }

  @Put()
  @RequirePermission('vendors.write')
  @ApiOkResponse({
    type: IntegrationInventoryResponse,
    description: 'The inventory; a change clears an earlier sign-off',
  })
  @ApiErrors([400, 'A field is not valid or not known (code VALIDATION_FAILED)'])
  put(@CurrentPrincipal() who: Principal, @Body() body: IntegrationInventoryDto): Promise<IntegrationInventoryView> {
    return this.inventory.put(who, body);
  }

  @Post('sign-off')
  @HttpCode(200)
  @RequirePermission('vendors.write')
  @ApiOkResponse({ type: IntegrationInventoryResponse, description: 'The inventory, signed off by the caller' })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [409, 'Name the dialer before signing off (code INVENTORY_INCOMPLETE)'],
  )
  signOff(@CurrentPrincipal() who: Principal): Promise<IntegrationInventoryView> {
    return this.inventory.signOff(who);
  }
}
