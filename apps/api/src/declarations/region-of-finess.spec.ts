import type { ArgumentsHost } from '@nestjs/common';
import { decide, initialState } from '@vigie/domain';
import { submitDeclaration } from '../../../../libs/domain/src/testing/fixtures';
import { ProblemFilter } from '../problem/problem.filter';

/**
 * The edge's validation refuses a contradicting pair before the domain sees it; the domain's own
 * refusal (for any other way in) must name both fields as well.
 */
describe('the domain refusing a region that contradicts the FINESS number', () => {
  it('is a 400 naming structure.region and structure.finess', () => {
    let thrown: unknown;
    try {
      const command = submitDeclaration();
      decide({ ...command, structure: { ...command.structure, region: '84' } }, initialState());
    } catch (error) {
      thrown = error;
    }
    const sent: { status?: number; body?: string } = {};
    const response = {
      headersSent: false,
      setHeader: () => response,
      status: (status: number) => {
        sent.status = status;
        return response;
      },
      send: (body: string) => {
        sent.body = body;
      },
    };
    const host = {
      switchToHttp: () => ({ getRequest: () => ({ headers: {} }), getResponse: () => response }),
    } as unknown as ArgumentsHost;
    new ProblemFilter().catch(thrown, host);
    expect(sent.status).toBe(400);
    const message = "the FINESS number's département 75 is in region 11, not 84";
    expect(JSON.parse(sent.body!)).toMatchObject({
      type: 'https://vigie.example/problems/region-contradicts-finess',
      errors: [
        { field: 'structure.region', message },
        { field: 'structure.finess', message },
      ],
    });
  });
});
