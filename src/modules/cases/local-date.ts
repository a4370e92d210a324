import { Type } from "typebox";

/** A calendar date, YYYY-MM-DD (closed classes only, so no control character gets through). */
export const LocalDate = Type.String({ pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", maxLength: 10, description: "YYYY-MM-DD" });
