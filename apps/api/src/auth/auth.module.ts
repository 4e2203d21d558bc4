import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { Principals } from './principals';
import { TokenVerifier } from './token-verifier';

@Module({
  providers: [TokenVerifier, Principals, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier, Principals],
})
export class AuthModule {}
