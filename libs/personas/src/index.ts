export * from './catalogue';
export * from './access';
