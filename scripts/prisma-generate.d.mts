export const PROVIDERS: string[];
export function schemaFor(provider: string, models: string): string;
export function writeSchemas(): void;
