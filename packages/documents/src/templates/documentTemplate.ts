/** A rectangle in the template's canonical units (10 per millimetre of the physical document). */
export type Region = { x: number; y: number; width: number; height: number };

export type Normaliser =
  | { kind: 'words' }
  | { kind: 'code'; mask?: string }
  | { kind: 'sex' }
  | { kind: 'date'; format: DateFormat }
  | { kind: 'mrz'; length: number; mask?: string };

export type DateFormat = 'YYYY.MM.DD' | 'DD.MM.YYYY' | 'DD MMM YYYY';

export type FieldValidation = {
  pattern?: string;
  maxLength?: number;
  enum?: string[];
  /** The normalised value must be a real calendar date (the date normaliser yields ISO `YYYY-MM-DD`). */
  date?: boolean;
  /** ICAO 9303 check digits inside the value: each digit position guards the characters of its ranges (end exclusive). */
  checkDigits?: { ranges: [number, number][]; digit: number }[];
  /** Slices (end exclusive) that must hold an ICAO 9303 state code, `<`-filled (`D<<`): an MRZ's issuing state and nationality. */
  stateCodes?: [number, number][];
  /** Slices (end exclusive) that must hold an MRZ date `YYMMDD` of the calendar; `<` marks an unknown part (ICAO 9303-3, 4.6). */
  mrzDates?: [number, number][];
};

export type FieldType = 'name' | 'date' | 'sex' | 'text' | 'address' | 'code' | 'mrz';

export type TemplateField = {
  name: string;
  /** Printed above the region; empty for fields such as MRZ lines that carry no label. */
  label: string;
  /** The attribute of a synthetic identity the generator prints here. */
  source: string;
  type: FieldType;
  region: Region;
  normaliser: Normaliser;
  validation: FieldValidation;
  /** Every character the field may hold: the OCR whitelist. */
  charset: string;
};

export type MrzCrossCheck = { field: string; mrz: 'documentCode' | 'issuingState' | 'documentNumber' | 'lastName' | 'firstName' | 'birthDate' | 'sex' | 'expirationDate' | 'nationality' };

export type DocumentTemplate = {
  id: string;
  title: string;
  description: string;
  size: { width: number; height: number };
  style: { paper: string; ink: string; accent: string; photo: Region };
  fields: TemplateField[];
  mrz?: { format: 'TD3'; lines: [string, string]; crossCheck: MrzCrossCheck[] };
};
