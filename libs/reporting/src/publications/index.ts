export * from './report-published';
export * from './publish-report';
export * from './restatements';
export * from './compare-edition';
