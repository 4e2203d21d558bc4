import { Module } from '@nestjs/common';
import { BenchNoopController } from './bench-noop.controller';

@Module({ controllers: [BenchNoopController] })
export class BenchNoopModule {}
