// The baseline's rows: the register's lines (customer × service with its purposes, data categories,
// data subjects, sub-processors, transfers outside the EEA, contact and processor) in one SELECT, as
// a bare `COPY (…) TO STDOUT` writes them: what each service involves is aggregated once (a CTE over
// the catalogue), then joined to every customer's services. English labels, as the benchmark's export.
import { EEA_COUNTRIES } from "../../src/domain/transfers.ts";

const eea = [...EEA_COUNTRIES].map((c) => `'${c}'`).join(",");
const terms = (kind: string) =>
  `(select string_agg(t.label_en, '; ' order by t.sort_order) from service_terms st join terms t on t.id = st.term_id where st.service_id = s.id and t.kind = '${kind}')`;

export function baselineQuery(): string {
  return `with per_service as (
    select s.id, s.sort_order, s.name_en as service,
      ${terms("purpose")} as purposes, ${terms("data_category")} as data_categories, ${terms("subject_category")} as subjects,
      (select string_agg(sp.name, '; ') from service_subprocessors ss join subprocessors sp on sp.id = ss.subprocessor_id and sp.status = 'active'
        where ss.service_id = s.id) as subprocessors,
      (select string_agg(sp.name || ': ' || l.country || ' (' || l.city || '): ' || coalesce(l.mechanism, '-'), '; ')
         from service_subprocessors ss join subprocessors sp on sp.id = ss.subprocessor_id and sp.status = 'active'
         join subprocessor_locations l on l.subprocessor_id = sp.id
        where ss.service_id = s.id and l.country not in (${eea})) as transfers
    from services s),
  shared as (
    select p.name as processor, concat_ws('; ', p.address, p.privacy_email) as processor_contact,
      (select 'Annex 2: ' || string_agg(distinct m.category_en, '; ') from measures m where m.status = 'implemented') as measures
    from processor p)
  select shared.processor, shared.processor_contact,
    c.customer_number, c.name, concat_ws(', ', c.address, c.postal_code || ' ' || c.city, c.country) as address,
    k.role, k.name as contact, k.email, k.phone,
    ps.service, ps.purposes, ps.data_categories, ps.subjects, ps.subprocessors, ps.transfers, shared.measures
  from controllers c cross join shared
  left join contacts k on k.controller_id = c.id
  left join controller_services cs on cs.controller_id = c.id
  left join per_service ps on ps.id = cs.service_id
  order by c.customer_number, ps.sort_order`;
}
