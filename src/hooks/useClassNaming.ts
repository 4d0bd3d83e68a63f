import { createContext, useContext } from 'react';
import { DIGIT_NAMING, type ClassNaming } from '../core/classNaming';

/** The naming of the classes the page's network tells apart: MNIST's digits unless a page trains on a user's set. */
export const ClassNamingContext = createContext<ClassNaming>(DIGIT_NAMING);

export function useClassNaming(): ClassNaming {
  return useContext(ClassNamingContext);
}
