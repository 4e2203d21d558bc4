import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { actorOf, type Principal } from '../auth/principal';
import { DeclarationIdPipe as UuidPipe } from '../declarations/declaration-id.pipe';
import { ApiProblems } from '../problem/api-problems.decorator';
import { CorrelationId } from './request-correlation';
import { UserAdministration } from './user-administration';
import { ActivationLinkDto, InvitedUserDto, UserDto, UserListDto } from './user-view.dto';
import { DisableUserDto, GrantDto, InviteUserDto } from './users.dto';

/** Administrators only. Thin: a body becomes a user command; the rules live in the domain. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@ApiProblems(401, 403, 429, 503)
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UserAdministration) {}

  @Get()
  @ApiOkResponse({ type: UserListDto })
  async list(): Promise<UserListDto> {
    return { items: await this.users.list() };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  get(@Param('id', UuidPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: InvitedUserDto })
  @ApiProblems(400, 409)
  invite(
    @Body() dto: InviteUserDto,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
  ): Promise<InvitedUserDto> {
    const { email, name, role, finess = [] } = dto;
    return this.users.invite({ email, name, role, finess }, actorOf(principal), correlationId);
  }

  @Post(':id/grants')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  grant(
    @Param('id', UuidPipe) id: string,
    @Body() dto: GrantDto,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
  ): Promise<UserDto> {
    return this.users.grant(id, dto.role, dto.finess ?? [], actorOf(principal), correlationId);
  }

  @Post(':id/revocations')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  revoke(
    @Param('id', UuidPipe) id: string,
    @Body() dto: GrantDto,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
  ): Promise<UserDto> {
    return this.users.revoke(id, dto.role, dto.finess ?? [], actorOf(principal), correlationId);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  disable(
    @Param('id', UuidPipe) id: string,
    @Body() dto: DisableUserDto,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
  ): Promise<UserDto> {
    return this.users.disable(id, dto.reason, actorOf(principal), correlationId);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  enable(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
  ): Promise<UserDto> {
    return this.users.enable(id, actorOf(principal), correlationId);
  }

  @Post(':id/activation-link')
  @HttpCode(200)
  @ApiOkResponse({ type: ActivationLinkDto })
  @ApiProblems(400, 404)
  async activationLink(@Param('id', UuidPipe) id: string): Promise<ActivationLinkDto> {
    return { activationUrl: await this.users.renewActivation(id) };
  }
}
