-- name: list_patients :scalar
-- A clinician's patients in name order, one page. Params: customer_id, max_rows, skip_rows.
-- Returns a JSON array (text) of patients, '[]' when there are none.
-- Index: patients_customer_name_idx (customer_id, last_name, first_name, patient_id).
SELECT coalesce(json_agg(p ORDER BY p.last_name, p.first_name, p.patient_id), '[]'::json)::text
FROM (
    SELECT
        patient_id,
        customer_id,
        medical_record_number,
        first_name,
        last_name,
        date_of_birth,
        sex,
        email,
        phone,
        address,
        created_at,
        updated_at
    FROM patients
    WHERE customer_id = %(customer_id)s
    ORDER BY last_name, first_name, patient_id
    LIMIT %(max_rows)s OFFSET %(skip_rows)s
) AS p;
