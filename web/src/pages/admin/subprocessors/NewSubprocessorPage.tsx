import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { LocationBody } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { TextAreaField, TextField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { LocationsEditor } from "../../../components/subprocessors/LocationsEditor";
import { ServicePicker } from "../../../components/subprocessors/ServicePicker";

/** Registers a proposed sub-processor: name, activity, website, locations with their transfer ground, services. */
export function NewSubprocessorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const catalogue = useApi(() => unwrap(api.GET("/api/v1/catalogue")), []);
  const [name, setName] = useState("");
  const [activityNl, setActivityNl] = useState("");
  const [activityEn, setActivityEn] = useState("");
  const [website, setWebsite] = useState("");
  const [locations, setLocations] = useState<LocationBody[]>([{ country: "", city: null, mechanism: null }]);
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const create = useAction(() =>
    unwrap(
      api.POST("/api/v1/subprocessors", {
        body: {
          name: name.trim(),
          activity: { nl: activityNl.trim(), en: activityEn.trim() },
          website: website.trim() === "" ? null : website.trim(),
          locations,
          serviceIds,
        },
      }),
    ),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await create.execute();
    if (result.ok) {
      void navigate(`/admin/subprocessors/${result.value.id}`, { state: { created: result.value.name } });
    }
  }

  const fields = create.error?.fieldMessages() ?? {};
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/subprocessors">{t("subprocessors.back")}</Link>
      </p>
      <PageHeader title={t("subprocessors.new")} subtitle={t("subprocessors.newIntro")} />
      <Loaded state={catalogue}>
        {(cat) => (
          <form noValidate className="card editor" onSubmit={(e) => void submit(e)} data-testid="subprocessor-editor">
            <ErrorAlert error={create.error} />
            <TextField
              label={t("subprocessors.name")}
              value={name}
              onChange={setName}
              required
              maxLength={200}
              error={fields.name}
              testId="subprocessor-name"
            />
            <div className="grid-2">
              <TextAreaField
                label={t("subprocessors.activityNl")}
                value={activityNl}
                onChange={setActivityNl}
                required
                rows={2}
                error={fields["activity.nl"]}
                testId="subprocessor-activity-nl"
              />
              <TextAreaField
                label={t("subprocessors.activityEn")}
                value={activityEn}
                onChange={setActivityEn}
                required
                rows={2}
                error={fields["activity.en"]}
                testId="subprocessor-activity-en"
              />
            </div>
            <TextField
              label={t("subprocessors.website")}
              value={website}
              onChange={setWebsite}
              maxLength={300}
              hint={t("subprocessors.websiteHint")}
              error={fields.website}
              testId="subprocessor-website"
            />
            <LocationsEditor value={locations} onChange={setLocations} fields={fields} prefix="locations" />
            <ServicePicker
              services={cat.services}
              value={serviceIds}
              onChange={setServiceIds}
              legend={t("subprocessors.services")}
              hint={t("subprocessors.servicesHint")}
              error={fields.serviceIds}
              testId="subprocessor-services"
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={create.busy} data-testid="subprocessor-save">
                {t("subprocessors.saveNew")}
              </button>
              <Link to="/admin/subprocessors">{t("common.cancel")}</Link>
            </div>
          </form>
        )}
      </Loaded>
    </>
  );
}
