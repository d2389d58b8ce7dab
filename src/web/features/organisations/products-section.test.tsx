// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { installFakeApi } from '../../testing/fake-api.js';
import { me, organisation } from '../../testing/fixtures.js';
import type { ProductT } from './types.js';

const org = organisation();
const base = `/api/organisations/${org.id}/products`;
const minyak: ProductT = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Minyak nilam',
  description: null,
  unit: 'kg',
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("an organisation's products", () => {
  it('opens one form in the add button’s place, to add a product or to change one', async () => {
    let products = [minyak];
    const api = installFakeApi({
      'GET /api/auth/me': () => ({ body: me(['site_manager']) }),
      [`GET /api/organisations/${org.id}`]: () => ({ body: org }),
      [`GET ${base}`]: () => ({ body: { items: products, nextCursor: null } }),
      [`PATCH ${base}/${minyak.id}`]: (request) => {
        products = [{ ...minyak, ...(request.body as Partial<ProductT>) }];
        return { body: products[0] };
      },
    });
    window.history.replaceState(null, '', `/organisations/${org.id}`);
    render(<App />);
    const section = await screen.findByTestId('organisation-products');
    await within(section).findByText('Minyak nilam');

    // Add: the form stands where the button was, and cancel brings the button back.
    fireEvent.click(within(section).getByTestId('add-product'));
    const adding = within(section).getByTestId('product-form');
    expect(within(adding).getByRole('heading').textContent).toBe('Tambah produk');
    expect(within(section).queryByTestId('add-product')).toBeNull();

    // Edit while adding: the same place now holds the product's form, filled in.
    fireEvent.click(within(section).getByRole('button', { name: 'Ubah produk Minyak nilam' }));
    const editing = within(section).getByTestId('product-form');
    expect(within(editing).getByRole('heading').textContent).toBe('Ubah produk Minyak nilam');
    expect((within(editing).getByLabelText('Nama produk') as HTMLInputElement).value).toBe(
      'Minyak nilam',
    );
    expect(within(section).queryByTestId('add-product')).toBeNull();

    fireEvent.click(within(editing).getByRole('button', { name: 'Batal' }));
    expect(within(section).queryByTestId('product-form')).toBeNull();
    expect(within(section).getByTestId('add-product')).toBeTruthy();

    // Saving a change closes the form and shows the list as the API now has it.
    fireEvent.click(within(section).getByRole('button', { name: 'Ubah produk Minyak nilam' }));
    fireEvent.change(within(section).getByLabelText('Nama produk'), {
      target: { value: 'Minyak nilam super' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Simpan' }));
    await within(section).findByText('Minyak nilam super');
    await waitFor(() => expect(within(section).queryByTestId('product-form')).toBeNull());
    expect(within(section).getByTestId('add-product')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { name: 'Minyak nilam super', unit: 'kg', description: null },
    ]);
  });
});
