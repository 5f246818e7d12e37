import { Migration } from '@mikro-orm/migrations';

export class Migration20261122194035_auth extends Migration {

  override name = 'Migration20261122194035_auth';

  override up(): void | Promise<void> {
    this.addSql(`create table "identity"."api_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "prefix" text not null, "secret_hash" text not null, "scopes" jsonb not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "api_key_tenant_id_index" on "identity"."api_key" ("tenant_id");`);
    this.addSql(`alter table "identity"."api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);

    this.addSql(`create table "identity"."invitation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "email" text not null, "role_name" text not null, "token_hash" text not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "invited_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "invitation_tenant_id_index" on "identity"."invitation" ("tenant_id");`);
    this.addSql(`alter table "identity"."invitation" add constraint "invitation_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "identity"."refresh_token" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "token_hash" text not null, "family_id" uuid not null, "user_id" uuid not null, "tenant_id" uuid not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "identity"."refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_token_family_id_index" on "identity"."refresh_token" ("family_id");`);

    this.addSql(`create table "identity"."role" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "description" text not null default '', "permissions" jsonb not null, "built_in" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "role_tenant_id_index" on "identity"."role" ("tenant_id");`);
    this.addSql(`alter table "identity"."role" add constraint "role_tenant_id_name_unique" unique ("tenant_id", "name");`);

    this.addSql(`create table "identity"."service_account" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" text not null, "client_id" text not null, "secret_hash" text not null, "scopes" jsonb not null, "disabled_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "service_account_tenant_id_index" on "identity"."service_account" ("tenant_id");`);
    this.addSql(`alter table "identity"."service_account" add constraint "service_account_client_id_unique" unique ("client_id");`);

    this.addSql(`create table "identity"."signing_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kid" text not null, "alg" text not null, "public_jwk" jsonb not null, "private_jwk_encrypted" text not null, "retired_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "identity"."signing_key" add constraint "signing_key_kid_unique" unique ("kid");`);

    this.addSql(`alter table "identity"."tenant" add "plan" text not null default 'free';`);

    this.addSql(`alter table "identity"."user_account" add "password_hash" text null;`);

    // Hand-written data step: tenants that exist already get the built-in roles (as they are
    // defined at this migration), and each member the role named by the old text column.
    this.addSql(`alter table "identity"."membership" add "role_id" uuid null, add "deactivated_at" timestamptz null;`);
    this.addSql(`insert into "identity"."role" ("id", "tenant_id", "name", "description", "permissions", "built_in")
      select gen_random_uuid(), t."id", r."name", 'Built-in ' || r."name" || ' role', r."permissions"::jsonb, true
      from "identity"."tenant" t cross join (values
      ('owner', '["*"]'),
      ('admin', '["identity:user:read", "identity:user:write", "identity:role:read", "identity:role:write", "identity:api-key:read", "identity:api-key:write", "identity:service-account:write", "identity:audit:read", "entity:record:read", "entity:record:write", "entity:audit:read", "document:document:read", "document:document:write", "document:audit:read", "finance:invoice:read", "finance:invoice:write", "finance:audit:read", "search:entry:read", "search:entry:write", "search:audit:read", "analytics:event:read", "analytics:event:write", "analytics:audit:read"]'),
      ('member', '["identity:user:read", "identity:role:read", "entity:record:read", "entity:record:write", "document:document:read", "document:document:write", "finance:invoice:read", "finance:invoice:write", "search:entry:read", "search:entry:write", "analytics:event:read", "analytics:event:write"]'),
      ('viewer', '["identity:user:read", "identity:role:read", "entity:record:read", "document:document:read", "finance:invoice:read", "search:entry:read", "analytics:event:read"]')
      ) as r("name", "permissions");`);
    this.addSql(`update "identity"."membership" m set "role_id" = r."id" from "identity"."role" r
      where r."tenant_id" = m."tenant_id"
        and r."name" = case when m."role" in ('owner', 'admin', 'member', 'viewer') then m."role" else 'member' end;`);
    this.addSql(`alter table "identity"."membership" alter column "role_id" set not null;`);
    this.addSql(`alter table "identity"."membership" drop column "role";`);
    this.addSql(`alter table "identity"."membership" add constraint "membership_role_id_foreign" foreign key ("role_id") references "identity"."role" ("id") on delete restrict;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."membership" drop constraint "membership_role_id_foreign";`);

    this.addSql(`drop table if exists "identity"."api_key" cascade;`);
    this.addSql(`drop table if exists "identity"."invitation" cascade;`);
    this.addSql(`drop table if exists "identity"."refresh_token" cascade;`);
    this.addSql(`drop table if exists "identity"."role" cascade;`);
    this.addSql(`drop table if exists "identity"."service_account" cascade;`);
    this.addSql(`drop table if exists "identity"."signing_key" cascade;`);

    this.addSql(`alter table "identity"."membership" drop column "role_id", drop column "deactivated_at";`);
    this.addSql(`alter table "identity"."membership" add "role" text not null;`);

    this.addSql(`alter table "identity"."tenant" drop column "plan";`);

    this.addSql(`alter table "identity"."user_account" drop column "password_hash";`);
  }

}
