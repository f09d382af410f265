import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from './ErrorSummary';

describe('the error summary', () => {
  it("names the fields as the form does, not by the API's paths, and takes focus", () => {
    const detail = 'Niet alle gegevens kloppen. Het gaat om: applicant.name, region.';
    render(<ErrorSummary detail={detail} fields={[{ id: 'naam', label: 'Naam aanvrager' }]} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Niet alle gegevens kloppen.');
    expect(alert).not.toHaveTextContent('applicant.name');
    expect(screen.getByRole('link', { name: 'Controleer: Naam aanvrager' })).toHaveAttribute('href', '#naam');
    expect(alert).toHaveFocus();
  });

  it('keeps the whole sentence when there is no field to point at', () => {
    render(<ErrorSummary detail="Nog geen twee deelnemers hebben gezegd dat ze komen." />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Nog geen twee deelnemers hebben gezegd dat ze komen.',
    );
  });
});
