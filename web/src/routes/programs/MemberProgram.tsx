import './programs.css';

/** /programs/:id for members of a partner organisation (lazy chunk with the programme page and its styles). */
export { default } from './ProgramPage.tsx';
