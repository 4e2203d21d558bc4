export * from './profiles';
export * from './seed-profile';
export * from './published-figures';
export { planDeclarations, type DeclarationPlan } from './plan-declarations';
