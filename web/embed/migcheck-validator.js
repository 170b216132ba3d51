// migcheck's embeddable validator, for partner portals (docs/embedding.md).
// One <script type="module" src=".../embed/migcheck-validator.js"> defines
// <migcheck-validator>; importing it gives createValidator() as well. The
// checks run in the migcheck web app's worker (../worker.js), in the page:
// the files never leave the user's machine.
import { MigcheckValidatorElement } from './element.js';

export { createValidator, RulebookError, MappingError, FORMATS } from './validator.js';
export { MigcheckValidatorElement };

// Defined once, even when the module is reached under two URLs.
if (!customElements.get('migcheck-validator')) customElements.define('migcheck-validator', MigcheckValidatorElement);
