import { profileCommands } from './seed-profile';
import { planDeclarations } from './plan-declarations';
import { ANS_2020, ANS_2021 } from './profiles';

describe('seed plans', () => {
  it('the same profile and seed always give the same commands, ids included', () => {
    expect(profileCommands(ANS_2020, 3)).toEqual(profileCommands(ANS_2020, 3));
  });

  it('another seed gives other declarations', () => {
    const [a, b] = [planDeclarations(ANS_2020, 1), planDeclarations(ANS_2020, 2)];
    expect(a.map((d) => d.id)).not.toEqual(b.map((d) => d.id));
    expect(a.map((d) => d.submittedAt)).not.toEqual(b.map((d) => d.submittedAt));
  });

  it('commands come in the order they happened, each declaration starting with its submission', () => {
    const commands = profileCommands(ANS_2021, 1);
    expect(commands.every((c, i) => i === 0 || commands[i - 1].at <= c.at)).toBe(true);
    const seen = new Set<string>();
    for (const { command } of commands) {
      if (!seen.has(command.declarationId)) expect(command.type).toBe('SubmitDeclaration');
      seen.add(command.declarationId);
    }
    expect(seen.size).toBe(733);
  });

  it('every declaration of the year is submitted in that Paris year, one at 23:30 on 31 December', () => {
    const plans = planDeclarations(ANS_2020, 1);
    const years = new Set(
      plans.map((d) =>
        new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(d.submittedAt),
      ),
    );
    expect([...years]).toEqual(['2020']);
    expect(plans.some((d) => new Date(d.submittedAt).toISOString() === '2020-12-31T22:30:00.000Z')).toBe(
      true,
    );
  });

  it('no declaration is submitted before it was detected, nor detected before it occurred', () => {
    const plans = planDeclarations(ANS_2021, 1);
    expect(plans.filter((d) => d.occurredAt > d.detectedAt || d.detectedAt > d.submittedAt)).toEqual([]);
  });
});
