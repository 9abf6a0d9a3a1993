import { BusinessCalendar, countyCalendarSpec, courtCalendarSpec } from './calendar';
import { californiaHolidays, holidaysInYear } from './holidays';

const dates = (year: number) => Object.fromEntries(holidaysInYear(californiaHolidays, year).map((h) => [h.id, h.date]));

describe('California holidays from their rules (Gov. Code 6700, 6701)', () => {
  it('computes 2026', () => {
    expect(dates(2026)).toMatchObject({
      'new-years-day': '2026-01-01',
      'mlk-day': '2026-01-19',
      'lunar-new-year': '2026-02-17',
      'lincoln-day': '2026-02-12',
      'washington-day': '2026-02-16',
      'cesar-chavez-day': '2026-03-31',
      'memorial-day': '2026-05-25',
      juneteenth: '2026-06-19',
      'independence-day': '2026-07-04', // a Saturday: not moved by 6701
      'labor-day': '2026-09-07',
      'admission-day': '2026-09-09',
      'native-american-day': '2026-09-25',
      'columbus-day': '2026-10-12',
      'veterans-day': '2026-11-11',
      thanksgiving: '2026-11-26',
      'day-after-thanksgiving': '2026-11-27',
      christmas: '2026-12-25',
    });
  });

  it('observes Sunday holidays on Monday and Veterans Day on a Saturday on Friday (6701)', () => {
    const h2023 = holidaysInYear(californiaHolidays, 2023);
    expect(h2023.find((h) => h.id === 'veterans-day')).toMatchObject({ date: '2023-11-10', actual: '2023-11-11' });
    expect(h2023.find((h) => h.id === 'new-years-day')).toMatchObject({ date: '2023-01-02', actual: '2023-01-01' });
    expect(dates(2027)['independence-day']).toBe('2027-07-05');
    expect(dates(2022)['christmas']).toBe('2022-12-26');
  });

  it('lets a county move Saturday holidays to Friday', () => {
    const county = new BusinessCalendar(countyCalendarSpec('06085', { saturdayToFridayForAll: true }));
    expect(county.closedBecause('2026-07-03')).toBe('Independence Day (observed; falls on 2026-07-04)');
  });

  it('keeps county and court calendars apart (Admission Day, MLK Day, Cesar Chavez Day)', () => {
    const county = new BusinessCalendar(countyCalendarSpec('06085'));
    const court = new BusinessCalendar(courtCalendarSpec('06085'));
    expect(county.closedBecause('2026-09-09')).toBe('Admission Day');
    expect(court.closedBecause('2026-09-09')).toBeUndefined();
    expect(county.closedBecause('2026-01-19')).toBeUndefined();
    expect(court.closedBecause('2026-01-19')).toBe('Martin Luther King, Jr. Day');
    expect(court.closedBecause('2026-11-27')).toBe('Day after Thanksgiving');
    expect(county.closedBecause('2026-11-28')).toBe('Saturday');
  });

  it('takes county closures, adopted holidays and open days as configuration', () => {
    const county = new BusinessCalendar(
      countyCalendarSpec('06037', {
        addHolidays: ['cesar-chavez-day', 'juneteenth'],
        removeHolidays: ['columbus-day'],
        closures: [{ date: '2026-12-24', name: 'Christmas Eve (board closure)' }],
        openDays: ['2026-11-27'],
      }),
    );
    expect(county.closedBecause('2026-03-31')).toBe('Cesar Chavez Day');
    expect(county.closedBecause('2026-06-19')).toBe('Juneteenth');
    expect(county.isOpen('2026-10-12')).toBe(true);
    expect(county.closedBecause('2026-12-24')).toBe('Christmas Eve (board closure)');
    expect(county.isOpen('2026-11-27')).toBe(true);
    expect(() => countyCalendarSpec('06037', { addHolidays: ['festivus'] })).toThrow(/Unknown holiday 'festivus'/);
  });

  it('refuses a year without a Lunar New Year date instead of guessing', () => {
    expect(() => holidaysInYear(californiaHolidays, 2099)).toThrow(/No Lunar New Year date for 2099/);
  });
});
