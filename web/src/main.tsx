import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "./i18n";
import { App } from "./App";
import "./styles.css";

initI18n();
const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html lacks #root");
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
