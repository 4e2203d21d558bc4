import { ApiProperty } from '@nestjs/swagger';
import { QueryParam } from '../list-declarations.dto';

export const MAX_WEEKS = 104;

export class WeeklyCountsQueryDto {
  @QueryParam(
    (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_WEEKS,
    `must be an integer from 1 to ${MAX_WEEKS}`,
    { description: `How many weeks, to this one (default 52, at most ${MAX_WEEKS})`, example: '52' },
  )
  weeks?: string;
}

export class WeekCountDto {
  @ApiProperty({
    format: 'date',
    description: 'The Monday (Europe/Paris) the week starts on',
    example: '2026-11-30',
  })
  weekStart!: string;

  @ApiProperty({ type: 'integer', description: 'Declarations submitted that week' })
  count!: number;
}

export class WeeklyCountsDto {
  @ApiProperty({ type: [WeekCountDto], description: 'Oldest first, every week present (0 when none)' })
  weeks!: WeekCountDto[];
}
