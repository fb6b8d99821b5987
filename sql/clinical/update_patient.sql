-- name: update_patient :one
-- Changes the fields present in `changes` (a JSON object of column -> new value; a key that
-- is absent keeps its column, a null clears it): jsonb_populate_record overlays the object on
-- the stored row. Params: customer_id, patient_id, changes. Returns the patient, or no row when
-- it is not the clinician's. A taken medical record number raises patients_mrn_key.
-- Index: patients primary key.
UPDATE patients AS p
SET (
    medical_record_number, first_name, last_name, date_of_birth, sex, email, phone, address
) = (
    SELECT
        r.medical_record_number,
        r.first_name,
        r.last_name,
        r.date_of_birth,
        r.sex,
        r.email,
        r.phone,
        r.address
    FROM jsonb_populate_record(p.*, %(changes)s::jsonb) AS r
)
WHERE p.patient_id = %(patient_id)s AND p.customer_id = %(customer_id)s
RETURNING
    p.patient_id, p.customer_id, p.medical_record_number, p.first_name, p.last_name,
    p.date_of_birth, p.sex, p.email, p.phone, p.address, p.created_at, p.updated_at;
