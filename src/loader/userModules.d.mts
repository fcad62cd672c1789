/** Registers the module hooks that let a user's engine anywhere on disk import moe-repro/... (see userModules.mjs). */
export function registerUserModuleHooks(): void;
