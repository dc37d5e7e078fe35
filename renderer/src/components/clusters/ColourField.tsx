/** The connection's colour: a few preset swatches, or any colour typed as #rrggbb. */
import { PRESET_COLOURS } from './cluster-form-draft';
import { clusterColourStyle } from './ClusterSwatch';

interface ColourFieldProps {
  value: string;
  problem: string | null;
  onChange(colour: string): void;
}

export function ColourField({ value, problem, onChange }: ColourFieldProps) {
  return (
    <div className="field">
      <span className="field__label" id="cluster-colour-label">
        Colour
      </span>
      <div className="colour-field">
        <div className="colour-field__presets" role="group" aria-labelledby="cluster-colour-label">
          {PRESET_COLOURS.map((colour) => (
            <button
              key={colour}
              type="button"
              className={colour === value.toLowerCase() ? 'colour-field__preset colour-field__preset--chosen' : 'colour-field__preset'}
              style={clusterColourStyle(colour)}
              aria-label={`Colour ${colour}`}
              aria-pressed={colour === value.toLowerCase()}
              onClick={() => onChange(colour)}
            />
          ))}
        </div>
        <input
          className={problem ? 'input input--mono colour-field__hex input--invalid' : 'input input--mono colour-field__hex'}
          value={value}
          maxLength={7}
          spellCheck={false}
          aria-label="Colour (hex)"
          aria-invalid={problem ? true : undefined}
          onChange={(event) => onChange(event.target.value.trim())}
          data-testid="cluster-colour-hex"
        />
      </div>
      {problem && <span className="field__problem">{problem}</span>}
    </div>
  );
}
