import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { LoginController } from './login.controller';
import { LoginProvider } from './login-provider';
import { LoginResolver } from './login-resolver';
import { MeController } from '../me/me.controller';

/** The browser's login through the configured OpenID provider, and its logout. */
@Module({
  imports: [AuthModule],
  controllers: [LoginController, MeController],
  providers: [LoginProvider, LoginResolver],
})
export class LoginModule {}
