// The query compiler Prisma's generated client loads (see prisma-plan-cache.server.ts).
declare module "@prisma/client/runtime/query_compiler_bg.sqlite.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
