// A curated nickname table: nickname → the formal first name it stands for, normalized (upper case, letters only). The
// names families in California counties are recorded under most often: English, Spanish, and a few Vietnamese,
// Tagalog and other short forms. A nickname that stands for several names (e.g. ALEX) maps to the most frequent one;
// the matching compares canonical forms, so both records must reduce to the same formal name to count as a nickname
// agreement. Curated by hand: add a pair only when the two are used interchangeably on records.

const pairs: Record<string, readonly string[]> = {
  // English
  WILLIAM: ['BILL', 'BILLY', 'WILL', 'WILLY', 'WILLIE', 'LIAM'],
  ROBERT: ['BOB', 'BOBBY', 'ROB', 'ROBBIE', 'BERT'],
  RICHARD: ['RICK', 'RICKY', 'DICK', 'RICH', 'RICHIE'],
  JAMES: ['JIM', 'JIMMY', 'JAMIE'],
  JOHN: ['JOHNNY', 'JACK', 'JON'],
  JOSEPH: ['JOE', 'JOEY'],
  MICHAEL: ['MIKE', 'MIKEY', 'MICKEY'],
  THOMAS: ['TOM', 'TOMMY'],
  CHRISTOPHER: ['CHRIS', 'KIT'],
  DANIEL: ['DAN', 'DANNY'],
  DAVID: ['DAVE', 'DAVEY'],
  ANTHONY: ['TONY'],
  EDWARD: ['ED', 'EDDIE', 'TED', 'NED'],
  STEVEN: ['STEVE', 'STEPHEN'],
  MATTHEW: ['MATT'],
  ANDREW: ['ANDY', 'DREW'],
  BENJAMIN: ['BEN', 'BENNY'],
  NICHOLAS: ['NICK', 'NICKY'],
  ALEXANDER: ['ALEX', 'XANDER', 'SANDY'],
  JONATHAN: ['JONNY'],
  TIMOTHY: ['TIM', 'TIMMY'],
  KENNETH: ['KEN', 'KENNY'],
  RONALD: ['RON', 'RONNIE'],
  DONALD: ['DON', 'DONNIE'],
  GERALD: ['JERRY', 'GERRY'],
  LAWRENCE: ['LARRY'],
  SAMUEL: ['SAM', 'SAMMY'],
  ZACHARY: ['ZACH', 'ZACK'],
  JOSHUA: ['JOSH'],
  NATHANIEL: ['NATE', 'NATHAN'],
  PATRICK: ['PAT', 'PADDY'],
  GREGORY: ['GREG'],
  RAYMOND: ['RAY'],
  CHARLES: ['CHARLIE', 'CHUCK', 'CHAS'],
  HENRY: ['HANK', 'HARRY'],
  FREDERICK: ['FRED', 'FREDDY'],
  DOUGLAS: ['DOUG'],
  TERRENCE: ['TERRY'],
  PHILIP: ['PHIL'],
  PETER: ['PETE'],
  ELIZABETH: ['LIZ', 'LIZZIE', 'BETH', 'BETTY', 'ELIZA', 'LISA', 'BETSY'],
  MARGARET: ['MAGGIE', 'PEGGY', 'MEG', 'GRETA', 'MARGE'],
  KATHERINE: ['KATE', 'KATIE', 'KATHY', 'KAT', 'CATHERINE', 'KATHRYN'],
  JENNIFER: ['JEN', 'JENNY'],
  JESSICA: ['JESS', 'JESSIE'],
  REBECCA: ['BECKY', 'BECCA'],
  PATRICIA: ['PATTY', 'TRISH', 'TRICIA'],
  DEBORAH: ['DEB', 'DEBBIE'],
  SUSAN: ['SUE', 'SUSIE', 'SUZY'],
  CHRISTINA: ['CHRISTY', 'TINA', 'CHRISTINE'],
  VICTORIA: ['VICKY', 'TORI'],
  SAMANTHA: ['SAMMIE'],
  ABIGAIL: ['ABBY'],
  ALEXANDRA: ['ALEXA', 'LEXI'],
  KIMBERLY: ['KIM'],
  AMANDA: ['MANDY'],
  STEPHANIE: ['STEPH'],
  DOROTHY: ['DOT', 'DOTTIE'],
  JACQUELINE: ['JACKIE'],
  PAMELA: ['PAM'],
  CYNTHIA: ['CINDY'],
  MELISSA: ['MISSY', 'MEL'],
  ANGELA: ['ANGIE'],
  ALEXIS: ['LEXIE'],
  NATALIE: ['NAT'],
  MADELINE: ['MADDIE'],
  // Spanish
  JOSE: ['PEPE', 'CHEPE', 'PEPITO', 'JOSELITO'],
  JESUS: ['CHUY', 'CHUCHO'],
  GUADALUPE: ['LUPE', 'LUPITA', 'PITA'],
  ALBERTO: ['BETO', 'TITO'],
  ROBERTO: ['BETITO'],
  FRANCISCO: ['PANCHO', 'PACO', 'FRANK', 'FRANKIE', 'CISCO', 'KIKO'],
  FRANCISCA: ['PANCHA', 'PAQUITA'],
  ENRIQUE: ['KIKE', 'QUIQUE'],
  IGNACIO: ['NACHO'],
  GUILLERMO: ['MEMO', 'WILLY'],
  EDUARDO: ['LALO'],
  GERARDO: ['JERRY'],
  RODOLFO: ['RUDY', 'FITO'],
  ADOLFO: ['FITO'],
  ALFREDO: ['FREDO'],
  ALEJANDRO: ['ALEX', 'JANDRO'],
  ALEJANDRA: ['ALE', 'JANDRA'],
  FERNANDO: ['NANDO'],
  ARMANDO: ['MANDO'],
  ANTONIO: ['TONO', 'TOÑO', 'TONY'],
  MANUEL: ['MANNY', 'MANOLO', 'MEMO'],
  RAMON: ['MONCHO'],
  RAFAEL: ['RAFA', 'RALPH'],
  SANTIAGO: ['SANTI', 'CHAGO'],
  RICARDO: ['RICKY', 'RICO'],
  LUIS: ['LUCHO', 'WICHO'],
  JAVIER: ['JAVI'],
  SALVADOR: ['CHAVA', 'CHAVO', 'SAL'],
  ROSARIO: ['CHAYO', 'CHARO'],
  CONSUELO: ['CHELO'],
  SOLEDAD: ['CHOLE'],
  REFUGIO: ['CUCO', 'CUCA', 'CUQUITA'],
  ASUNCION: ['CHONA'],
  CONCEPCION: ['CONCHA', 'CONCHITA', 'CONCHI'],
  DOLORES: ['LOLA', 'LOLITA'],
  GRACIELA: ['CHELA'],
  MERCEDES: ['MECHE', 'MERCHE'],
  ISABEL: ['CHABELA', 'CHAVELA', 'ISA'],
  MARIA: ['MARY', 'MARI'],
  MERCED: ['MECHA'],
  TERESA: ['TERE', 'TESSA'],
  BEATRIZ: ['BETY', 'BEA'],
  ANA: ['ANITA', 'ANNA'],
  JUAN: ['JUANITO', 'JUANCHO'],
  JUANA: ['JUANITA'],
  PEDRO: ['PEDRITO', 'PETE'],
  CARLOS: ['CARLITOS', 'CHARLY'],
};

// Vietnamese given names are recorded both in full and in their English adoption; these are the pairs seen on records.
const extra: Record<string, readonly string[]> = {
  THANH: ['TANNY'],
  TUAN: ['TONY'],
  HOANG: ['HARRY'],
  MINH: ['MIN'],
  NGOC: ['NICKY'],
  // Tagalog
  MARIAFE: ['FE'],
  ROSALINDA: ['ROSA', 'LINDA'],
  FLORDELIZA: ['FLOR'],
  // German / others
  JOHANN: ['HANS'],
  KATHARINA: ['KATJA'],
};

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const source of [pairs, extra]) {
    for (const [formal, nicknames] of Object.entries(source)) {
      for (const nickname of nicknames) {
        const key = nickname.normalize('NFKD').replace(/\p{M}/gu, '');
        if (!table.has(key)) table.set(key, formal);
      }
    }
  }
  return table;
}

/** nickname → formal name. A name that is itself formal is not in it. */
export const nicknameTable: ReadonlyMap<string, string> = buildTable();

/** The formal name a (normalized) first name stands for: BILL → WILLIAM, LUPE → GUADALUPE; any other name unchanged. */
export function nicknameCanonical(normalizedFirstName: string): string {
  return nicknameTable.get(normalizedFirstName) ?? normalizedFirstName;
}
