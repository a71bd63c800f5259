export * from './templates';
export * from './step-machine';
export * from './retrospective';
export * from './course';
