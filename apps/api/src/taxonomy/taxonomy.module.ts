import { Module } from '@nestjs/common';
import { TaxonomyController } from './taxonomy.controller';

/** `GET /api/v1/taxonomy`: the code lists and labels, for the console's and the form's pickers. */
@Module({ controllers: [TaxonomyController] })
export class TaxonomyModule {}
