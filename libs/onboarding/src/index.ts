export * from './templates';
export * from './step-machine';
