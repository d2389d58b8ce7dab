/**
 * Shared test setup. Testing Library waits at most 1 s for an element by default; on a busy
 * 2-core CI machine a React page under test can take longer, so `findBy…` waits up to 5 s
 * (a test still fails fast when the element is truly missing: it is the upper bound).
 */
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 5_000 });
