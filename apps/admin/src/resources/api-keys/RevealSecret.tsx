import { createContext, useContext, useState, type ReactNode } from 'react';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog';
import { SECRET_WARNING } from './types';

type Reveal = (secret: { title: string; value: string }) => void;

const RevealSecretContext = createContext<Reveal>(() => undefined);

/** Rows re-render or vanish when a key is rotated; the secret's dialog lives above them, in the list. */
export const RevealSecretProvider = ({ children }: { children: ReactNode }) => {
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  return (
    <RevealSecretContext.Provider value={setSecret}>
      {children}
      <OneTimeSecretDialog
        value={secret?.value}
        title={secret?.title ?? ''}
        label="Secret"
        warning={SECRET_WARNING}
        testId="api-key-secret"
        onClose={() => setSecret(null)}
      />
    </RevealSecretContext.Provider>
  );
};

export const useRevealSecret = () => useContext(RevealSecretContext);
