-- An incremental CRM sync asks which profiles' account links in the org changed
-- since its watermark (SYN-02); without this index that read every link of the org.
ALTER TABLE account_links ADD KEY account_links_time (tenant_id, org_id, link_time);
