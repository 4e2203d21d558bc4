import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { VigieConfig } from '@vigie/config';
import { Public } from '../auth/auth.decorators';
import { VIGIE_CONFIG } from '../config/config.tokens';
import { ApiProblems } from '../problem/api-problems.decorator';
import { SiteDto } from './site.dto';

@ApiTags('site')
@Public()
@Controller('api/v1/site')
export class SiteController {
  constructor(@Inject(VIGIE_CONFIG) private readonly config: VigieConfig) {}

  @Get()
  @ApiOperation({ summary: 'The operator, the brand block and the kind of login, for the web application' })
  @ApiOkResponse({ type: SiteDto })
  @ApiProblems()
  site(): SiteDto {
    const { operatorName, brandTop, emergencyPhone } = this.config.site;
    return { operatorName, brandTop, emergencyPhone, login: { provider: this.config.login.provider } };
  }
}
