-- heads: 0019_conflict_sections
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
--
CREATE TABLE documents (
	id VARCHAR(200) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	title TEXT, 
	source TEXT NOT NULL, 
	url TEXT, 
	published VARCHAR(32), 
	text TEXT NOT NULL, 
	word_count INTEGER NOT NULL, 
	ingested_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (sha256)
);
--
CREATE TABLE entities (
	id VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	type VARCHAR(32) NOT NULL, 
	geo JSON, 
	external_ids JSON NOT NULL, 
	attrs JSON NOT NULL, 
	merged_into VARCHAR(64), 
	PRIMARY KEY (id), 
	FOREIGN KEY(merged_into) REFERENCES entities (id)
);
--
CREATE INDEX ix_entities_type ON entities (type);
--
CREATE TABLE entity_merges (
	id INTEGER NOT NULL, 
	action VARCHAR(16) NOT NULL, 
	kept_id VARCHAR(64) NOT NULL, 
	other_id VARCHAR(64) NOT NULL, 
	alias TEXT, 
	confidence FLOAT NOT NULL, 
	reason TEXT, 
	reviewer TEXT, 
	created_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id)
);
--
CREATE TABLE reviews (
	id INTEGER NOT NULL, 
	target_kind VARCHAR(16) NOT NULL, 
	target_id VARCHAR(64) NOT NULL, 
	action VARCHAR(16) NOT NULL, 
	reviewer TEXT NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	note TEXT, 
	PRIMARY KEY (id)
);
--
CREATE INDEX ix_reviews_target ON reviews (target_kind, target_id);
--
CREATE TABLE claims (
	id VARCHAR(64) NOT NULL, 
	subject_id VARCHAR(64) NOT NULL, 
	predicate VARCHAR(64) NOT NULL, 
	object_id VARCHAR(64), 
	object_value TEXT, 
	object_type VARCHAR(16), 
	qualifiers JSON NOT NULL, 
	modality VARCHAR(16) NOT NULL, 
	polarity VARCHAR(16) NOT NULL, 
	attributed_to_id VARCHAR(64), 
	confidence FLOAT NOT NULL, 
	status VARCHAR(16) NOT NULL, triple_key BIGINT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(attributed_to_id) REFERENCES entities (id), 
	FOREIGN KEY(object_id) REFERENCES entities (id), 
	FOREIGN KEY(subject_id) REFERENCES entities (id)
);
--
CREATE INDEX ix_claims_object ON claims (object_id);
--
CREATE INDEX ix_claims_predicate ON claims (predicate);
--
CREATE INDEX ix_claims_subject ON claims (subject_id);
--
CREATE TABLE mentions (
	id INTEGER NOT NULL, 
	entity_id VARCHAR(64) NOT NULL, 
	document_id VARCHAR(200) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	type VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id), 
	FOREIGN KEY(entity_id) REFERENCES entities (id), 
	CONSTRAINT uq_mention_span UNIQUE (document_id, start, "end", entity_id)
);
--
CREATE INDEX ix_mentions_entity ON mentions (entity_id);
--
CREATE TABLE evidence (
	id INTEGER NOT NULL, 
	claim_id VARCHAR(64) NOT NULL, 
	document_id VARCHAR(200) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	qualifiers JSON NOT NULL, 
	confidence FLOAT NOT NULL, 
	extractor VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(claim_id) REFERENCES claims (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id), 
	CONSTRAINT uq_evidence_span UNIQUE (claim_id, document_id, start, "end")
);
--
CREATE INDEX ix_evidence_document ON evidence (document_id);
--
CREATE TABLE reference_facts (
	id VARCHAR(64) NOT NULL, 
	subject_id VARCHAR(64) NOT NULL, 
	predicate VARCHAR(64) NOT NULL, 
	object_id VARCHAR(64), 
	object_value TEXT, 
	object_type VARCHAR(16), 
	qualifiers JSON NOT NULL, 
	provenance JSON NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(subject_id) REFERENCES entities (id), 
	FOREIGN KEY(object_id) REFERENCES entities (id)
);
--
CREATE INDEX ix_reference_subject ON reference_facts (subject_id);
--
CREATE INDEX ix_reference_object ON reference_facts (object_id);
--
CREATE TABLE after_ingest_done (
	document_id VARCHAR(200) NOT NULL, 
	done_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (document_id)
);
--
CREATE INDEX ix_search_claims_attributed_to ON claims (attributed_to_id);
--
CREATE INDEX ix_search_claims_status ON claims (status);
--
CREATE INDEX ix_search_claims_modality ON claims (modality);
--
CREATE VIRTUAL TABLE documents_fts USING fts5(
        document_id UNINDEXED, title, text,
        tokenize = 'porter unicode61 remove_diacritics 2');
--
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, document_id, title, text)
        VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text);
    END;
--
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE rowid = old.rowid AND document_id = old.id;
    END;
--
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        DELETE FROM documents_fts WHERE rowid = old.rowid AND document_id = old.id;
        INSERT INTO documents_fts(rowid, document_id, title, text)
        VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text);
    END;
--
CREATE VIRTUAL TABLE entity_names_fts USING fts5(
        alias, content = 'aliases', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--
CREATE TABLE entity_keys (
	id INTEGER NOT NULL, 
	entity_id VARCHAR(64) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	"key" VARCHAR(300) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(entity_id) REFERENCES entities (id), 
	CONSTRAINT uq_entity_key UNIQUE (entity_id, kind, "key")
);
--
CREATE INDEX ix_entity_keys_key ON entity_keys (kind, "key");
--
CREATE INDEX ix_entities_merged_into ON entities (merged_into);
--
CREATE TABLE document_sources (
	document_id VARCHAR(200) NOT NULL, 
	outlet TEXT, 
	copy_of VARCHAR(200), 
	similarity INTEGER, 
	signature JSON NOT NULL, 
	PRIMARY KEY (document_id), 
	FOREIGN KEY(document_id) REFERENCES documents (id)
);
--
CREATE TABLE gazetteer_places (
	geonameid INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	country VARCHAR(2) NOT NULL, 
	admin1 VARCHAR(20) NOT NULL, 
	lat FLOAT NOT NULL, 
	lon FLOAT NOT NULL, 
	population BIGINT NOT NULL, 
	radius_km FLOAT NOT NULL, 
	PRIMARY KEY (geonameid)
);
--
CREATE INDEX ix_gazetteer_places_country ON gazetteer_places (country);
--
CREATE TABLE gazetteer_names (
	id INTEGER NOT NULL, 
	geonameid INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	norm VARCHAR(200) NOT NULL, 
	translit VARCHAR(200) NOT NULL, 
	skeleton VARCHAR(200) NOT NULL, 
	is_primary BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(geonameid) REFERENCES gazetteer_places (geonameid)
);
--
CREATE INDEX ix_gazetteer_names_norm ON gazetteer_names (norm);
--
CREATE INDEX ix_gazetteer_names_translit ON gazetteer_names (translit);
--
CREATE INDEX ix_gazetteer_names_skeleton ON gazetteer_names (skeleton);
--
CREATE TABLE gazetteer_meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
--
CREATE TABLE document_bands (
	document_id VARCHAR(200) NOT NULL, 
	"key" BIGINT NOT NULL, 
	FOREIGN KEY(document_id) REFERENCES documents (id)
);
--
CREATE INDEX ix_document_bands_key ON document_bands ("key");
--
CREATE INDEX ix_document_bands_document ON document_bands (document_id);
--
CREATE INDEX ix_document_sources_copy_of ON document_sources (copy_of);
--
CREATE INDEX ix_after_ingest_done_at ON after_ingest_done (done_at);
--
CREATE TABLE after_ingest_pending (
	document_id VARCHAR(200) NOT NULL, 
	PRIMARY KEY (document_id)
);
--
CREATE TRIGGER documents_pending AFTER INSERT ON documents BEGIN INSERT OR IGNORE INTO after_ingest_pending (document_id) VALUES (NEW.id) ; END;
--
CREATE TRIGGER documents_gone AFTER DELETE ON documents BEGIN DELETE FROM after_ingest_pending WHERE document_id = OLD.id; END;
--
CREATE TRIGGER after_ingest_marked AFTER INSERT ON after_ingest_done BEGIN DELETE FROM after_ingest_pending WHERE document_id = NEW.document_id; END;
--
CREATE TRIGGER after_ingest_unmarked AFTER DELETE ON after_ingest_done BEGIN INSERT OR IGNORE INTO after_ingest_pending (document_id) SELECT id FROM documents WHERE id = OLD.document_id ; END;
--
CREATE INDEX ix_reviews_created ON reviews (created_at);
--
CREATE INDEX ix_reviews_action ON reviews (action);
--
CREATE INDEX ix_entity_merges_created ON entity_merges (created_at);
--
CREATE INDEX ix_claims_subject_status ON claims (subject_id, status);
--
CREATE INDEX ix_claims_object_count ON claims (object_id, status, subject_id);
--
CREATE INDEX ix_claims_speaker_count ON claims (attributed_to_id, status, subject_id, object_id);
--
CREATE INDEX ix_claims_triple_key ON claims (triple_key);
--
CREATE INDEX ix_claims_subject_predicate ON claims (subject_id, predicate, object_id);
--
CREATE INDEX ix_claims_object_predicate ON claims (object_id, predicate, subject_id);
--
CREATE TABLE entity_claim_counts (
	entity_id VARCHAR(64) NOT NULL, 
	claims INTEGER NOT NULL, 
	party INTEGER NOT NULL, 
	PRIMARY KEY (entity_id)
);
--
CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims WHEN (new.status IS NULL OR new.status != 'rejected') BEGIN
        INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT new.subject_id, 1, 1 WHERE 1 = 1 ON CONFLICT(entity_id) DO UPDATE SET claims = claims + 1, party = party + 1;
INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT new.object_id, 1, 1 WHERE new.object_id IS NOT NULL AND new.object_id != new.subject_id ON CONFLICT(entity_id) DO UPDATE SET claims = claims + 1, party = party + 1;
INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT new.attributed_to_id, 1, 0 WHERE new.attributed_to_id IS NOT NULL AND new.attributed_to_id != new.subject_id AND (new.object_id IS NULL OR new.object_id != new.attributed_to_id) ON CONFLICT(entity_id) DO UPDATE SET claims = claims + 1, party = party + 0;
    END;
--
CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims WHEN (old.status IS NULL OR old.status != 'rejected') BEGIN
        UPDATE entity_claim_counts SET claims = claims - 1, party = party - 1 WHERE entity_id = old.subject_id AND 1 = 1;
UPDATE entity_claim_counts SET claims = claims - 1, party = party - 1 WHERE entity_id = old.object_id AND old.object_id IS NOT NULL AND old.object_id != old.subject_id;
UPDATE entity_claim_counts SET claims = claims - 1, party = party - 0 WHERE entity_id = old.attributed_to_id AND old.attributed_to_id IS NOT NULL AND old.attributed_to_id != old.subject_id AND (old.object_id IS NULL OR old.object_id != old.attributed_to_id);
    END;
--
CREATE TRIGGER claim_counts_update_old AFTER UPDATE OF subject_id, object_id, attributed_to_id, status
        ON claims WHEN (old.status IS NULL OR old.status != 'rejected') AND (NOT (new.status IS NULL OR new.status != 'rejected') OR old.subject_id IS NOT new.subject_id OR old.object_id IS NOT new.object_id OR old.attributed_to_id IS NOT new.attributed_to_id) BEGIN
        UPDATE entity_claim_counts SET claims = claims - 1, party = party - 1 WHERE entity_id = old.subject_id AND 1 = 1;
UPDATE entity_claim_counts SET claims = claims - 1, party = party - 1 WHERE entity_id = old.object_id AND old.object_id IS NOT NULL AND old.object_id != old.subject_id;
UPDATE entity_claim_counts SET claims = claims - 1, party = party - 0 WHERE entity_id = old.attributed_to_id AND old.attributed_to_id IS NOT NULL AND old.attributed_to_id != old.subject_id AND (old.object_id IS NULL OR old.object_id != old.attributed_to_id);
    END;
--
CREATE TRIGGER claim_counts_update_new AFTER UPDATE OF subject_id, object_id, attributed_to_id, status
        ON claims WHEN (new.status IS NULL OR new.status != 'rejected') AND (NOT (old.status IS NULL OR old.status != 'rejected') OR old.subject_id IS NOT new.subject_id OR old.object_id IS NOT new.object_id OR old.attributed_to_id IS NOT new.attributed_to_id) BEGIN
        INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT new.subject_id, 1, 1 WHERE 1 = 1 ON CONFLICT(entity_id) DO UPDATE SET claims = claims + 1, party = party + 1;
INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT new.object_id, 1, 1 WHERE new.object_id IS NOT NULL AND new.object_id != new.subject_id ON CONFLICT(entity_id) DO UPDATE SET claims = claims + 1, party = party + 1;
INSERT INTO entity_claim_counts(entity_id, claims, party) SELECT new.attributed_to_id, 1, 0 WHERE new.attributed_to_id IS NOT NULL AND new.attributed_to_id != new.subject_id AND (new.object_id IS NULL OR new.object_id != new.attributed_to_id) ON CONFLICT(entity_id) DO UPDATE SET claims = claims + 1, party = party + 0;
    END;
--
CREATE TABLE "aliases" (
        id INTEGER NOT NULL, entity_id VARCHAR(64) NOT NULL, alias TEXT NOT NULL, norm VARCHAR(300) NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(entity_id) REFERENCES entities (id),
        CONSTRAINT uq_alias_entity_alias UNIQUE (entity_id, alias));
--
CREATE INDEX ix_aliases_norm ON aliases (norm);
--
CREATE TRIGGER entity_names_fts_insert AFTER INSERT ON aliases BEGIN
        INSERT INTO entity_names_fts(rowid, alias) VALUES (new.id, new.alias);
    END;
--
CREATE TRIGGER entity_names_fts_delete AFTER DELETE ON aliases BEGIN
        INSERT INTO entity_names_fts(entity_names_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
    END;
--
CREATE TRIGGER entity_names_fts_update AFTER UPDATE OF alias ON aliases BEGIN
        INSERT INTO entity_names_fts(entity_names_fts, rowid, alias) VALUES ('delete', old.id, old.alias);
        INSERT INTO entity_names_fts(rowid, alias) VALUES (new.id, new.alias);
    END;
--
CREATE TABLE claim_corroboration (
	claim_id VARCHAR(64) NOT NULL, 
	documents INTEGER NOT NULL, 
	outlets INTEGER NOT NULL, 
	independent_sources INTEGER NOT NULL, 
	PRIMARY KEY (claim_id)
);
--
CREATE TABLE corroboration_stale (
	kind VARCHAR(16) NOT NULL, 
	ref VARCHAR(200) NOT NULL, 
	PRIMARY KEY (kind, ref)
);
--
CREATE TRIGGER corroboration_evidence_insert AFTER INSERT ON evidence BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'document', new.document_id WHERE new.document_id IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE TRIGGER corroboration_evidence_delete AFTER DELETE ON evidence BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'claim', old.claim_id WHERE old.claim_id IS NOT NULL ON CONFLICT DO NOTHING;
        INSERT INTO corroboration_stale(kind, ref) SELECT 'document', old.document_id WHERE old.document_id IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE TRIGGER corroboration_evidence_update AFTER UPDATE OF claim_id, document_id ON evidence BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'claim', old.claim_id WHERE old.claim_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'claim', new.claim_id WHERE new.claim_id IS NOT NULL ON CONFLICT DO NOTHING;
        INSERT INTO corroboration_stale(kind, ref) SELECT 'document', old.document_id WHERE old.document_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'document', new.document_id WHERE new.document_id IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE TRIGGER corroboration_join AFTER UPDATE OF merged_into ON entities
        WHEN old.merged_into IS NULL AND new.merged_into IS NOT NULL BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'join', new.id WHERE new.id IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE TRIGGER corroboration_merge AFTER UPDATE OF merged_into ON entities
        WHEN old.merged_into IS NOT NULL AND old.merged_into IS NOT new.merged_into BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', new.id WHERE new.id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', old.merged_into WHERE old.merged_into IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', new.merged_into WHERE new.merged_into IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE TRIGGER corroboration_sources AFTER UPDATE OF copy_of, outlet, document_id ON document_sources BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'document', old.document_id WHERE old.document_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'document', new.document_id WHERE new.document_id IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE TRIGGER corroboration_sources_delete AFTER DELETE ON document_sources BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'document', old.document_id WHERE old.document_id IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE TRIGGER corroboration_claim_ends AFTER UPDATE OF subject_id, object_id, attributed_to_id, predicate, polarity,
        object_value, object_type ON claims WHEN old.subject_id IS NOT new.subject_id OR old.object_id IS NOT new.object_id OR old.attributed_to_id IS NOT new.attributed_to_id OR old.predicate IS NOT new.predicate OR old.polarity IS NOT new.polarity OR old.object_value IS NOT new.object_value OR old.object_type IS NOT new.object_type BEGIN
        INSERT INTO corroboration_stale(kind, ref) SELECT 'claim', new.id WHERE new.id IS NOT NULL ON CONFLICT DO NOTHING;
        INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', old.subject_id WHERE old.subject_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', old.object_id WHERE old.object_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', old.attributed_to_id WHERE old.attributed_to_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', new.subject_id WHERE new.subject_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', new.object_id WHERE new.object_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO corroboration_stale(kind, ref) SELECT 'entity', new.attributed_to_id WHERE new.attributed_to_id IS NOT NULL ON CONFLICT DO NOTHING;
    END;
--
CREATE INDEX ix_claims_subject_edges ON claims (subject_id, confidence DESC, id, object_id, status, predicate, modality, polarity);
--
CREATE INDEX ix_claims_object_edges ON claims (object_id, confidence DESC, id, subject_id, status, predicate, modality, polarity);
--
CREATE TABLE timeline_keys (
	entity_id VARCHAR(64) NOT NULL, 
	claim_id VARCHAR(64) NOT NULL, 
	start VARCHAR(10), 
	PRIMARY KEY (entity_id, claim_id)
);
--
CREATE INDEX ix_timeline_keys_walk ON timeline_keys (entity_id, start, claim_id);
--
CREATE INDEX ix_timeline_keys_claim ON timeline_keys (claim_id);
--
CREATE TABLE timeline_stale (
	claim_id VARCHAR(64) NOT NULL, 
	PRIMARY KEY (claim_id)
);
--
CREATE TRIGGER timeline_claim_insert AFTER INSERT ON claims BEGIN INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES (new.id); END;
--
CREATE TRIGGER timeline_claim_update AFTER UPDATE OF qualifiers, subject_id, object_id, attributed_to_id
        ON claims BEGIN INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES (new.id); END;
--
CREATE TRIGGER timeline_claim_delete AFTER DELETE ON claims BEGIN INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES (old.id); END;
--
CREATE TRIGGER timeline_evidence_insert AFTER INSERT ON evidence BEGIN
        INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES (new.claim_id); END;
--
CREATE TRIGGER timeline_evidence_delete AFTER DELETE ON evidence BEGIN
        INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES (old.claim_id); END;
--
CREATE TRIGGER timeline_evidence_update AFTER UPDATE OF claim_id, document_id ON evidence BEGIN
        INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES (old.claim_id); INSERT OR IGNORE INTO timeline_stale(claim_id) VALUES (new.claim_id); END;
--
CREATE TRIGGER timeline_document_date AFTER UPDATE OF published ON documents BEGIN
        INSERT OR IGNORE INTO timeline_stale(claim_id) SELECT claim_id FROM evidence WHERE document_id = new.id;
    END;
--
CREATE INDEX ix_claims_subject_walk ON claims (subject_id, id);
--
CREATE INDEX ix_claims_object_walk ON claims (object_id, id);
--
CREATE INDEX ix_claims_speaker_walk ON claims (attributed_to_id, id);
--
CREATE TABLE conflict_records (
	id INTEGER NOT NULL, 
	section VARCHAR(1) NOT NULL, 
	order_key TEXT NOT NULL, 
	record TEXT NOT NULL, 
	PRIMARY KEY (id)
);
--
CREATE TABLE conflict_record_claims (
	claim_id VARCHAR(64) NOT NULL, 
	record_id INTEGER NOT NULL, 
	PRIMARY KEY (claim_id, record_id)
);
--
CREATE INDEX ix_conflict_record_claims_record ON conflict_record_claims (record_id);
--
CREATE TABLE conflict_stale (
	kind VARCHAR(16) NOT NULL, 
	id VARCHAR(200) NOT NULL, 
	PRIMARY KEY (kind, id)
);
--
CREATE TRIGGER conflict_claim_insert AFTER INSERT ON claims BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'claim', new.id WHERE new.id IS NOT NULL; END;
--
CREATE TRIGGER conflict_claim_update AFTER UPDATE OF subject_id, object_id, object_value, object_type, predicate, qualifiers, modality, polarity, status ON claims BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'claim', new.id WHERE new.id IS NOT NULL; END;
--
CREATE TRIGGER conflict_claim_delete AFTER DELETE ON claims BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'claim', old.id WHERE old.id IS NOT NULL; END;
--
CREATE TRIGGER conflict_evidence_insert AFTER INSERT ON evidence BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'claim', new.claim_id WHERE new.claim_id IS NOT NULL; END;
--
CREATE TRIGGER conflict_evidence_delete AFTER DELETE ON evidence BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'claim', old.claim_id WHERE old.claim_id IS NOT NULL; END;
--
CREATE TRIGGER conflict_evidence_update AFTER UPDATE OF claim_id, document_id, qualifiers ON evidence BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'claim', old.claim_id WHERE old.claim_id IS NOT NULL; INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'claim', new.claim_id WHERE new.claim_id IS NOT NULL; END;
--
CREATE TRIGGER conflict_document_cite AFTER UPDATE OF published, title, source ON documents BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'document', new.id WHERE new.id IS NOT NULL; END;
--
CREATE TRIGGER conflict_entity_update AFTER UPDATE OF name, merged_into ON entities BEGIN INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'entity', new.id WHERE new.id IS NOT NULL; INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'entity', old.merged_into WHERE old.merged_into IS NOT NULL; INSERT OR IGNORE INTO conflict_stale(kind, id) SELECT 'entity', new.merged_into WHERE new.merged_into IS NOT NULL; END;
--
