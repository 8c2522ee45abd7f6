-- AD3: AuthEvent and AuditLog are kept forever. The application role could still issue
-- UPDATE, DELETE or TRUNCATE by mistake or through an injection, so the database itself
-- refuses them; only a migration that drops these triggers could change history.
CREATE FUNCTION "voicecraft_refuse_audit_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "auth_events_append_only"
  BEFORE UPDATE OR DELETE ON "auth_events"
  FOR EACH ROW EXECUTE FUNCTION "voicecraft_refuse_audit_change"();
--> statement-breakpoint
CREATE TRIGGER "auth_events_no_truncate"
  BEFORE TRUNCATE ON "auth_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "voicecraft_refuse_audit_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_logs_append_only"
  BEFORE UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION "voicecraft_refuse_audit_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_logs_no_truncate"
  BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION "voicecraft_refuse_audit_change"();
