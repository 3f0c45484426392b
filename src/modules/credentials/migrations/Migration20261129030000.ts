import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Announces, on the channel `customer_credentials_changed`, every committed
 * change to what the token gate reads from the plugin's tables (see
 * `credential-change-feed.ts`): a credential row's sign-in switch, temporary
 * password and deletion (`customer:<id>`), and a B2B reference's login,
 * account, internet-user switch and deletion (`login:<auth identity id>`).
 * Whoever writes (a workflow, the module, a script, an operator's SQL), the
 * announcement follows. The columns listed here are the ones
 * `readSessionState` reads: a column added there belongs here too. Any
 * change to the store's settings row is announced (`settings:<store id>`).
 */
export class Migration20261129030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE OR REPLACE FUNCTION customer_credentials_announce_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'credential_settings' THEN
          PERFORM pg_notify('customer_credentials_changed', 'settings:' || COALESCE(NEW.store_id, OLD.store_id));
        ELSIF TG_TABLE_NAME = 'customer_reference' THEN
          IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('customer_credentials_changed', 'login:' || OLD.auth_identity_id);
          END IF;
          IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('customer_credentials_changed', 'login:' || NEW.auth_identity_id);
          END IF;
        ELSE
          IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('customer_credentials_changed', 'customer:' || OLD.customer_id);
          END IF;
          IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('customer_credentials_changed', 'customer:' || NEW.customer_id);
          END IF;
        END IF;
        RETURN NULL;
      END $$;`)

    this.addSql(`
      DROP TRIGGER IF EXISTS customer_credential_announce_insert_delete ON customer_credential;
      CREATE TRIGGER customer_credential_announce_insert_delete
        AFTER INSERT OR DELETE ON customer_credential
        FOR EACH ROW EXECUTE FUNCTION customer_credentials_announce_change();`)
    this.addSql(`
      DROP TRIGGER IF EXISTS customer_credential_announce_update ON customer_credential;
      CREATE TRIGGER customer_credential_announce_update
        AFTER UPDATE ON customer_credential
        FOR EACH ROW WHEN (
          OLD.customer_id IS DISTINCT FROM NEW.customer_id
          OR OLD.login_enabled IS DISTINCT FROM NEW.login_enabled
          OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password
          OR OLD.temporary_password_expires_at IS DISTINCT FROM NEW.temporary_password_expires_at
          OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        ) EXECUTE FUNCTION customer_credentials_announce_change();`)

    this.addSql(`
      DROP TRIGGER IF EXISTS customer_reference_announce_insert_delete ON customer_reference;
      CREATE TRIGGER customer_reference_announce_insert_delete
        AFTER INSERT OR DELETE ON customer_reference
        FOR EACH ROW EXECUTE FUNCTION customer_credentials_announce_change();`)
    this.addSql(`
      DROP TRIGGER IF EXISTS customer_reference_announce_update ON customer_reference;
      CREATE TRIGGER customer_reference_announce_update
        AFTER UPDATE ON customer_reference
        FOR EACH ROW WHEN (
          OLD.auth_identity_id IS DISTINCT FROM NEW.auth_identity_id
          OR OLD.customer_id IS DISTINCT FROM NEW.customer_id
          OR OLD.internet_user IS DISTINCT FROM NEW.internet_user
          OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        ) EXECUTE FUNCTION customer_credentials_announce_change();`)
    this.addSql(`
      DROP TRIGGER IF EXISTS credential_settings_announce ON credential_settings;
      CREATE TRIGGER credential_settings_announce
        AFTER INSERT OR UPDATE OR DELETE ON credential_settings
        FOR EACH ROW EXECUTE FUNCTION customer_credentials_announce_change();`)
  }

  override async down(): Promise<void> {
    this.addSql(`
      DROP TRIGGER IF EXISTS credential_settings_announce ON credential_settings;
      DROP TRIGGER IF EXISTS customer_credential_announce_insert_delete ON customer_credential;
      DROP TRIGGER IF EXISTS customer_credential_announce_update ON customer_credential;
      DROP TRIGGER IF EXISTS customer_reference_announce_insert_delete ON customer_reference;
      DROP TRIGGER IF EXISTS customer_reference_announce_update ON customer_reference;
      DROP FUNCTION IF EXISTS customer_credentials_announce_change();`)
  }
}
