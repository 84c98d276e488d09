-- The CRM sync finds an org's CRM users' staff profiles by user (SYN-03); without
-- this index that join read every profile of the tenant (bench row 5).
ALTER TABLE profiles ADD KEY profiles_user (tenant_id, user_id);
